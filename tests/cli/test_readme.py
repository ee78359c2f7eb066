"""The README stays true: every command and option of the CLI is documented there."""

import os

import click

from quotes.cli import cli

from ..conftest import ROOT

README = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()


def test_every_command_has_a_section_and_an_example():
    for name in cli.commands:
        assert f"### quotes {name}" in README, name
        assert f"$ quotes {name}" in README, name


def test_every_option_is_documented():
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                assert longest in README, f"{name} {longest}"


def test_two_commands_for_a_newcomer():
    assert "make serve" in README and "make test" in README
