"""The signals app's kind of public data for the page cache (core/pagecache.py).

The public list of structural signals is cached under the `signals` kind; every write to a signal,
its transitions or endorsements raises that kind only, so a citizen reporting a signal or staff
triaging one no longer clear the zone's social map, agenda or meeting pages. The signals dashboard
(selectors.dashboard_cached) keys on all of the zone's generations, this kind included, so it
still follows every signal write.
"""

from __future__ import annotations

from zorgraad.core import pagecache

PAGE_KIND = "signals"

# Registered at import: the public view's decorator checks its kind when the views module loads.
pagecache.register_kind(PAGE_KIND)


def connect() -> None:
    # ambassadors: the dashboard counts the signals they collected
    for model in ("Signal", "SignalTransition", "SignalEndorsement", "SignalAmbassador"):
        pagecache.register_model(f"signals.{model}", PAGE_KIND)
