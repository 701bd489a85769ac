"""Athena's SQL engine: Trino SQL (and Athena's Hive DDL) on DuckDB, over the Glue catalog and S3.

    statement -> engine.Engine.execute -> ddl (Hive DDL, utility statements) or query.Planner
    (tables resolved in catalog.py, partitions pruned, objects read through storage.py and scan.py)
    -> translate.py (strict.py: Trino's grammar and types; rewrite.py: Trino's answers) -> DuckDB
    -> results.py (the result CSV) with types.py (Trino's names and renderings)

Nothing here knows of HTTP or of the Athena API's shapes (../models.py, ../responses.py).
"""
