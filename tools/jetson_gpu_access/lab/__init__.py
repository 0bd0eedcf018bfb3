"""The lab: simulated Jetsons built from profiles (data), for tests, rehearsals and demos.

A profile describes one scenario from public reports: release files, device tree, account
databases, device nodes with owner/group/mode/ACL, how the container was started and who is
logged in how. :mod:`.profiles` loads and checks them; :mod:`.scratch` turns one into a scratch
root with real character devices, where the probe reads exactly what it would on a device.
Everything the lab produces is SIMULATED and says so.
"""
