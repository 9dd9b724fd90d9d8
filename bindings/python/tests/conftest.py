"""Shared fixtures: the sample datasets, the `care` program, a few dates."""

import datetime
import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "data" / "sample-trust.json"
SAMPLE_ERRORS = ROOT / "examples" / "data" / "sample-with-errors.json"
SMALL = ROOT / "tests" / "data" / "small.json"


@pytest.fixture(scope="session")
def sample_path():
    """The bundled sample trust; tests/data/small.json until the generator has made it."""
    return SAMPLE if SAMPLE.exists() else SMALL


@pytest.fixture(scope="session")
def small_path():
    return SMALL


@pytest.fixture(scope="session")
def errors_path():
    if not SAMPLE_ERRORS.exists():
        pytest.skip("examples/data/sample-with-errors.json is not there yet")
    return SAMPLE_ERRORS


@pytest.fixture(scope="session")
def care_cli():
    """The `care` program (CTest passes CARE_CLI); the comparison tests skip without it."""
    cli = os.environ.get("CARE_CLI") or shutil.which("care")
    if not cli or not os.path.exists(cli):
        pytest.skip("CARE_CLI is not set: the `care` program is not built")
    return cli


@pytest.fixture()
def sample(sample_path):
    import libcare
    with libcare.Dataset.load(sample_path) as ds:
        yield ds


@pytest.fixture(scope="session")
def as_of(sample_path):
    import libcare
    with libcare.Dataset.load(sample_path) as ds:
        return ds.extracted_on or datetime.date(2026, 3, 31)
