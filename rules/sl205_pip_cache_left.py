"""`pip install` without `--no-cache-dir`

## What it does
Reports `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir`
and without `PIP_NO_CACHE_DIR` set (by ENV or in the command), in a RUN that
does not remove `~/.cache/pip` or run `pip cache purge`. A cache or tmpfs
mount over `/root/.cache/pip` (or `/root/.cache`) counts as clean.

## Why is this bad?
pip keeps every downloaded wheel in `~/.cache/pip`, often as large as the
installed packages, and it stays in the layer.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install flask
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
```

## Fix safety
The fix adds `--no-cache-dir` to `pip install`. It is safe: only the wheel
cache is skipped, the installed packages are the same.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL205",
    name="pip-cache-left",
    summary="`pip install` without `--no-cache-dir`",
    spec=CacheSpec(
        remedies={"pip": "rm -rf /root/.cache/pip"},
        fills=frozenset({"install", "download", "wheel"}),
        no_cache_flag="--no-cache-dir",
    ),
    aliases=("DL3042",),
)
