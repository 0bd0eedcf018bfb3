"""mkdocs hook: mend lunr's token-set minimisation in the theme's search worker.

lunr (bundled in mkdocs-material's search worker) merges equal nodes of the index's token set by a key
that each node builds from its edges: the edge's character, then the child's numeric id, with nothing
between them. An edge labelled with a digit runs into the id before it, so two different nodes can get
the same key ("1" to node 23 and "12"... read alike), the minimisation merges them, and the token set
then holds prefixes that are no word of the index: every search whose expansion reaches one throws a
TypeError in the worker ("reading '_index'") and finds nothing. Whether it happens depends on every
word of the site (the ids shift with each page), so rewording a page only moves it. The hook ends each
id with a character no word holds, which makes the key unambiguous; tests/test_site.py searches the
built site in a real browser. A worker without lunr's known code is left as it is (logged).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.search_worker")
WORKERS = "assets/javascripts/workers"
# lunr's TokenSet.prototype.toString, minified: `for(...){var s=r[i],o=this.edges[s];e=e+s+o.id}return e}`
NODE_KEY = re.compile(r"(?P<key>\w+)=(?P=key)\+(?P<label>\w+)\+(?P<node>\w+)\.id\}return (?P=key)\}")


def mend(source: str) -> str:
    """The worker's source with each node's id ended by a NUL in its key; unchanged where lunr's code is not found."""
    return NODE_KEY.sub(lambda m: '{0}={0}+{1}+{2}.id+"\\u0000"}}return {0}}}'.format(
        m.group("key"), m.group("label"), m.group("node")), source, count=1)


def on_post_build(config: Any) -> None:
    for worker in sorted((Path(config["site_dir"]) / WORKERS).glob("search*.js")):
        source = worker.read_text(encoding="utf-8")
        mended = mend(source)
        if mended == source:
            log.info("%s: lunr's token-set key is not in the form this hook mends; left as it is", worker.name)
        else:
            worker.write_text(mended, encoding="utf-8")
