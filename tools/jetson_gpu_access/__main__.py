"""Allow ``python3 -m jetson_gpu_access``."""

import sys

from .cli import main

sys.exit(main())
