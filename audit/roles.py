"""What apps above audit add to the runtime database role's limits (grant_runtime_role).

Imports run one way: audit does not know the tables of the apps above it, so each registers a
function `grants(schema, grantee)` that returns SQL statements (schema and grantee quoted), run as
the owner after audit's own, in the same transaction.
"""

_registered = []


def register_runtime_grants(grants):
    _registered.append(grants)


def runtime_grants(schema, grantee):
    for grants in _registered:
        yield from grants(schema, grantee)
