"""Helper process for test_nothing_lost: captures cards as fast as it can and prints each
key once its commit has returned (the moment the app tells a user the card is saved)."""
from __future__ import annotations

import sys
from pathlib import Path

from app.project import ProjectServices


def main() -> None:
    services = ProjectServices.open(Path(sys.argv[1]))
    n = 0
    while True:
        n += 1
        ref = services.items.capture_item(f"Card {n} typed in the workshop",
                                          desired_outcome="x" * (n % 500))
        services.items.update_item(ref.id, "key_constraints", f"constraint {n}")
        print(ref.key, flush=True)


if __name__ == "__main__":
    main()
