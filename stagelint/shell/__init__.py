"""Shell analysis for ``RUN`` instructions.

Lint rules call :func:`parse_script` on the shell text of a ``RUN`` (shell
form, or a heredoc body) and look at the resulting :class:`Script`: its simple
commands (with wrappers like ``sudo`` strippable via
:meth:`SimpleCommand.effective`), pipelines, and, through
:func:`package_manager_calls` and :func:`cleanup_actions`, what package
managers it runs and which caches it cleans.  Offsets are into the string given
to :func:`parse_script`; the caller maps them back into the Dockerfile.
"""

from stagelint.shell.cleanup import (
    CACHE_DIRS,
    CleanupAction,
    cleanup_actions,
    is_cleanup,
    path_covers,
    rm_targets,
)
from stagelint.shell.commands import Pipeline, Redirect, SimpleCommand
from stagelint.shell.options import Option, ParsedArgs, parse_options
from stagelint.shell.package_managers import (
    PackageManagerCall,
    identify_manager,
    package_manager_calls,
)
from stagelint.shell.script import MAX_NESTING, Script, parse_script
from stagelint.shell.words import Word

__all__ = [
    "CACHE_DIRS",
    "MAX_NESTING",
    "CleanupAction",
    "Option",
    "PackageManagerCall",
    "ParsedArgs",
    "Pipeline",
    "Redirect",
    "Script",
    "SimpleCommand",
    "Word",
    "cleanup_actions",
    "identify_manager",
    "is_cleanup",
    "package_manager_calls",
    "parse_options",
    "parse_script",
    "path_covers",
    "rm_targets",
]
