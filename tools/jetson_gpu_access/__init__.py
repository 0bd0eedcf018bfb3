"""jetson-gpu-access: find out why a user cannot open a Jetson's GPU device nodes, and fix it.

The package is layered as the data flows: ``probe`` reads facts (read-only), ``diagnose`` judges
them (pure), the CLI renders the result. The core uses the Python standard library only and runs
on Python 3.8, so it works on a JetPack 5 host and inside a minimal container.
"""

__version__ = "0.1.0"
