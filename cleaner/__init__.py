"""cleaner: strip boilerplate from web text and HTML.

>>> from cleaner import clean
>>> clean("Share on Facebook\\nThe council met on Monday and approved the budget for next year.").text
'The council met on Monday and approved the budget for next year.'
"""
from .api import clean, clean_many
from .config import Config
from .document import Removal, Result, replay
from .errors import CleanerError, InputError, RuleError, RuleSetError
from .rules import Rule, RuleSet, load_rules

__all__ = [
    "CleanerError",
    "Config",
    "InputError",
    "Removal",
    "Result",
    "Rule",
    "RuleError",
    "RuleSet",
    "RuleSetError",
    "clean",
    "clean_many",
    "load_rules",
    "replay",
]
__version__ = "0.1.0"
