"""One exception hierarchy for the whole cleaner.

::

    CleanerError                 base of everything the library raises on purpose
    ├── InputError               the input cannot be cleaned: empty, too large,
    │                            undecodable bytes, unsupported content type
    └── RuleError                one problem in a rule file (path, line, rule id)
        └── RuleSetError         a rule set failed to load; ``.errors`` holds
                                 every RuleError found, so a bad set never
                                 half-loads and the user sees all problems at once

The library raises; it never returns a silent ``None``. The CLI maps these to
exit code 1 and the HTTP API to 4xx JSON errors.
"""
from __future__ import annotations


class CleanerError(Exception):
    """Base class for every error the cleaner raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned.

    ``code`` is a short machine-readable reason: ``empty``, ``too_large``,
    ``undecodable``, ``unsupported_type``.
    """

    def __init__(self, message: str, code: str = "invalid_input"):
        super().__init__(message)
        self.code = code


class RuleError(CleanerError):
    """One problem in a rule file, located as ``path:line: rule 'id': message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 rule_id: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.rule_id = rule_id
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        who = f" rule '{self.rule_id}':" if self.rule_id else ""
        return f"{where}:{who} {self.message}"


class RuleSetError(RuleError):
    """A rule set failed validation; ``errors`` lists every problem found."""

    def __init__(self, errors: list[RuleError]):
        self.errors = list(errors)
        RuleError.__init__(self, f"{len(self.errors)} error(s) in rules")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
