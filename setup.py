"""The package list only; everything else is in pyproject.toml.

Every package under ftlint/ is found (a new subpackage cannot be left out of the wheel),
and the top-level rules/ folder ships as ftlint.builtin_rules.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["ftlint", "ftlint.*"]), "ftlint.builtin_rules"],
    package_dir={"ftlint.builtin_rules": "rules"},
)
