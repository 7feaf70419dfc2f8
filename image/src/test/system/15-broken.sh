# DiskUpgradeIT's broken system: the appliance never starts (so never marks the system healthy),
# and the trial lasts 20 s instead of 600.
printf '#!/bin/sh\necho "archway: broken on purpose (DiskUpgradeIT)"\nsleep 5\nexit 1\n' > /opt/archway/bin/archway
ARCHWAY_TRIAL_SECONDS=20
