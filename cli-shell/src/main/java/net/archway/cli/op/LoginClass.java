package net.archway.cli.op;

import java.util.EnumSet;
import java.util.Set;

/** The predefined Junos login classes. */
public enum LoginClass {
    SUPER_USER("super-user", EnumSet.allOf(Permission.class)),
    OPERATOR("operator", EnumSet.of(Permission.VIEW, Permission.CONTROL)),
    READ_ONLY("read-only", EnumSet.of(Permission.VIEW));

    private final String keyword;
    private final Set<Permission> permissions;

    LoginClass(String keyword, Set<Permission> permissions) {
        this.keyword = keyword;
        this.permissions = permissions;
    }

    public String keyword() {
        return keyword;
    }

    public boolean allows(Permission p) {
        return permissions.contains(p);
    }

    public static LoginClass of(String keyword) {
        for (LoginClass c : values()) {
            if (c.keyword.equals(keyword)) {
                return c;
            }
        }
        return null;
    }
}
