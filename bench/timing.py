"""Shared by the benches run in `odoo-bin shell`: a call timed with its SQL
queries."""

import time


def measure(env, function):
    """(result, seconds, queries) of ``function()``, on a cold record cache,
    its pending writes flushed."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    begin = time.perf_counter()
    result = function()
    env.flush_all()
    return result, round(time.perf_counter() - begin, 3), env.cr.sql_log_count - queries
