"""Every error class in the package has one base, PeersimError, and a title to show.

The CLI prints ``peersim: TITLE: message`` and the app shows the title above the
message; both rely on each error class naming its title. This test walks every module
of the package, so a new error class that forgets fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import simulator
from simulator.cli.main import main
from simulator.cli.output import CliError
from simulator.errors import PeersimError, title_of

#: Exceptions that are signals inside one algorithm, caught beside where they are raised,
#: never shown to anyone (so they carry no title).
NOT_ERRORS = {"simulator.loading.hidden.Undecided"}



def _error_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(simulator.__path__, "simulator."):
        if info.name.endswith(".__main__"):  # runs the command line when imported
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Exception) \
                    and not name.startswith("_") and cls is not PeersimError:
                found[f"{module.__name__}.{name}"] = cls
    return found


ERRORS = _error_classes()


def test_the_walk_finds_the_errors_it_should() -> None:
    assert {"simulator.cli.output.CliError", "simulator.engine.engine.ChoiceError",
            "simulator.exports.files.OutputError", "simulator.exports.lrs.Stop",
            "simulator.records.api.StoreError"} <= set(ERRORS)
    assert set(ERRORS) >= NOT_ERRORS  # an exemption for a class that is gone is stale


@pytest.mark.parametrize("name", sorted(n for n in ERRORS if n not in NOT_ERRORS))
def test_every_error_class_is_a_peersim_error_with_a_title(name: str) -> None:
    cls = ERRORS[name]
    assert issubclass(cls, PeersimError), f"{name} does not subclass PeersimError"
    title = cls.title
    assert title.strip() and len(title) <= 40 and not title.endswith("."), (name, title)


def test_the_base_has_no_title_of_its_own_so_each_class_names_one() -> None:
    assert PeersimError.title == ""
    assert title_of(CliError("x")) == "Not done" and title_of(ValueError("x")) == ""


def test_the_command_line_prints_the_title_and_the_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--cohort", "c", "--format", "csv", "-o", "x.csv", "--roster"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == ("peersim: Not done: --roster is for --format csv-wide or xlsx,"
                   " not csv\n")


def test_the_app_shows_an_error_under_its_title() -> None:
    from simulator.engine.engine import RestoreError
    from simulator.tui.text import notify_error

    shown: list[tuple[str, dict[str, object]]] = []

    class Screen:
        def notify(self, message: str, **how: object) -> None:
            shown.append((message, how))

    notify_error(Screen(), "Cannot resume: the beat is gone", RestoreError("the beat is gone"))
    assert shown == [("Cannot resume: the beat is gone",
                      {"title": "Cannot carry on that session", "severity": "error",
                       "timeout": None, "markup": False})]
