"""Shared fixtures. Qt runs offscreen: the variable must be set before Qt is imported."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
