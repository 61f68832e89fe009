"""Which page template a web page's raw HTML is packed against (`library.storage.page_templates`).

Chosen where the page is prepared, in the worker process of a large import: the first
page of a site met there is packed on its own body alone and its start is remembered;
every later page of that site is packed against it. A site met once costs nothing, so a
broad crawl of many sites with a page each stores no templates.

Each process keeps its own choice (workers never talk to each other), so a site can get
one template per worker: a few kilobytes each. The template's bytes travel to the
importing process with the first page packed against it and only its digest after that;
the importing process stores the pages in the order each worker prepared them, so a
template is stored before any page that names it by its digest alone. One
`SiteTemplates` lives for one import: a template sent to another import's library
would not be in this one.
"""

from __future__ import annotations

from collections import OrderedDict
from urllib.parse import urlsplit

from library.ingest.formats.draft import Draft
from library.storage.page_templates import digest_of
from library.storage.raw_text import WINDOW

# Sites remembered at once per process: a crawl interleaves sites, and each costs up to
# WINDOW bytes of memory (64 x 32 KiB = 2 MiB).
SITES_KEPT = 64


def site_of(draft: Draft) -> str:
    """The host a page came from (its URL's, else its capture's), '' when unknown."""
    for url in (draft.url, *(c.uri for c in draft.captures)):
        if url:
            try:
                host = urlsplit(url).hostname
            except ValueError:
                continue
            if host:
                return host
    return ""


class SiteTemplates:
    """The page templates of one import, in one process."""

    def __init__(self, kept: int = SITES_KEPT) -> None:
        self._kept = kept
        # host -> [digest or None until a second page used it, the template's bytes]
        self._sites: OrderedDict[str, list] = OrderedDict()

    def choose(self, draft: Draft) -> tuple[str, bytes, bool] | None:
        """(digest, bytes, first use here) of the template `draft`'s raw text is packed
        against, or None: not a web page, or the first page of its site."""
        if draft.format != "html" or not draft.raw:
            return None
        site = site_of(draft)
        entry = self._sites.get(site)
        if entry is None:
            data = draft.raw.encode("utf-8", "surrogatepass")[:WINDOW]
            self._sites[site] = [None, data]
            if len(self._sites) > self._kept:
                self._sites.popitem(last=False)
            return None
        self._sites.move_to_end(site)
        first = entry[0] is None
        if first:
            entry[0] = digest_of(entry[1])
        return entry[0], entry[1], first
