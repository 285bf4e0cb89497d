"""`gem install` or `bundle install` that leaves the downloaded gems in the layer

## What it does
Reports `gem install` and `bundle install` in a RUN that does not also remove
the gem cache (the `.gem` files RubyGems keeps in `cache/` under the gem
home: `/usr/local/bundle/cache` in the official Ruby images, `~/.gem`,
`~/.bundle/cache`). A cache or tmpfs mount over the cache directory counts as
clean.

## Why is this bad?
Every installed gem is kept twice: unpacked, and as the downloaded `.gem`
archive in the cache, which nothing at run time needs.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install rails
```

Use instead:
```dockerfile
FROM ruby:3.3-slim
RUN gem install rails && rm -rf /usr/local/bundle/cache
```

## Fix safety
The fix adds `&& rm -rf /usr/local/bundle/cache /root/.gem` (for bundler,
`/usr/local/bundle/cache /root/.bundle/cache`) after the last gem or bundle
command of the RUN. It is safe: installed gems do not use their cached
archives. If your image keeps its gems elsewhere (`GEM_HOME`), adjust the path.
"""

from stagelint.caches import CacheSpec, cache_rule

RULE = cache_rule(
    __doc__,
    code="SL209",
    name="gem-cache-left",
    summary="`gem install` or `bundle install` that leaves the downloaded gems in the layer",
    spec=CacheSpec(
        remedies={
            "gem": "rm -rf /usr/local/bundle/cache /root/.gem",
            "bundler": "rm -rf /usr/local/bundle/cache /root/.bundle/cache",
        },
        fills=frozenset({"install", "update"}),
        clean_counts=False,  # `gem cleanup` removes old versions, not the cache
    ),
)
