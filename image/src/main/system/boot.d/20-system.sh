# Sourced by /opt/archway/bin/boot before the appliance starts (from system.cpio.gz, which GRUB
# loads after the firmware's initramfs on a disk boot).
# A system on trial (booted once after `request system software add` or `rollback`) that does
# not mark itself healthy within ARCHWAY_TRIAL_SECONDS (the appliance running with its
# configuration loaded) reboots; GRUB then boots the previous slot. Without this, an appliance
# that crashes in a loop would keep the box on the broken system until someone power-cycles it.
ARCHWAY_TRIAL_SECONDS=${ARCHWAY_TRIAL_SECONDS:-600}
for w in $(cat /proc/cmdline); do
    case "$w" in
        archway.slot=*) ARCHWAY_SLOT=${w#*=} ;;
        archway.trial=*) ARCHWAY_TRIAL_SECONDS=${w#*=} ;;
    esac
done
if [ -n "$ARCHWAY_SLOT" ]; then
    esp=$(for u in /sys/class/block/*/uevent; do grep -q '^PARTNAME=archway-efi$' "$u" && grep '^DEVNAME=' "$u" | cut -d= -f2; done | head -1)
    # on trial: grubenv (found raw in the ESP, as the Java side does) says next=<this slot>
    if [ -n "$esp" ] && dd if="/dev/$esp" bs=1M count=16 2>/dev/null | grep -a -q "^next=$ARCHWAY_SLOT\$"; then
        echo "archway-boot: slot $ARCHWAY_SLOT on trial: reboots in $ARCHWAY_TRIAL_SECONDS s unless it comes up healthy"
        (
            sleep "$ARCHWAY_TRIAL_SECONDS"
            if dd if="/dev/$esp" bs=1M count=16 2>/dev/null | grep -a -q "^next=$ARCHWAY_SLOT\$"; then
                echo "archway-boot: slot $ARCHWAY_SLOT did not come up healthy: rebooting into the previous system" > /dev/console
                kill -TERM 1
            fi
        ) &
    fi
fi
