"""Fixtures for app-layer tests: real project files in temporary folders."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.project import ProjectServices


@pytest.fixture
def project(tmp_path: Path) -> Iterator[ProjectServices]:
    """A new, empty project file, closed after the test."""
    services = ProjectServices.create(tmp_path / "test.erpp", name="Test project",
                                      client="ACME", erp_product="D365 F&SCM")
    yield services
    services.close()


REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built once per test session; tests work on copies of it."""
    from app.demo import build_demo_project

    return build_demo_project(tmp_path_factory.mktemp("demo") / "demo.erpp")


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[ProjectServices]:
    """A fresh copy of the demo project, open read-write."""
    import shutil

    path = tmp_path / "demo.erpp"
    shutil.copyfile(demo_template, path)
    services = ProjectServices.open(path)
    yield services
    services.close()


def realdata(*parts: str) -> Path:
    """A file of ../shared/realdata, or skip the test saying why."""
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-data file {path} is missing (the shared/ folder is not beside the "
                    "checkout)")
    return path
