# Test images only (the VM test bed's overlay, never the firmware): a root shell on the
# virtio-serial port named archway.test, the bed's command channel (VmCommandChannel).
# Sourced by /opt/archway/bin/boot before the appliance starts.
test_port=
i=0
while [ -z "$test_port" ] && [ $i -lt 30 ]; do
    for p in /sys/class/virtio-ports/*; do
        [ "$(cat "$p/name" 2>/dev/null)" = archway.test ] && test_port=/dev/${p##*/}
    done
    [ -n "$test_port" ] || { sleep 0.1; i=$((i + 1)); }
done
if [ -n "$test_port" ]; then
    (
        while :; do
            # one read-write open: a virtio port refuses a second open (EBUSY)
            /bin/sh <>"$test_port" >&0 2>&0
            sleep 0.2
        done
    ) &
    say "test command channel on $test_port"
fi
