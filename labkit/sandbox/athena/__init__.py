"""Amazon Athena in the sandbox, split as moto splits a service.

- `responses.py` speaks the wire protocol (JSON over HTTP, `X-Amz-Target: AmazonAthena.<Operation>`):
  it validates a request against Athena's own model and serialises the answer; nothing else.
- `models.py` holds the typed state behind the operations (query executions, workgroups, named
  queries, result pages read back from S3) and runs each query on a thread of its own.
- `sql/` is the SQL engine, a subpackage that knows nothing of HTTP: one statement in, a
  StatementResult out (`sql/engine.py`), Trino SQL parsed by sqlglot and run by DuckDB over the Glue
  catalog and S3 objects of moto's backends. `errors.py` is the API's errors; a failed query's are
  `sql/errors.py`.

Why the engine routes statements itself rather than through sqlglot's `athena` dialect (Hive for DDL,
Trino for queries): for what the engine parses, that dialect reads exactly the trees it reads already
(Hive's for CREATE EXTERNAL TABLE / ALTER / DROP, Trino's for queries, CTAS and INSERT), so it would
change no tree; and it reads UNLOAD, MSCK REPAIR TABLE and SHOW ... as bare commands, so the routing by
a statement's leading words (engine.Engine.execute, ddl.utility_statement) would remain. A query also
goes through labkit's own Trino pipeline first (strict.check_tokens: what Trino's grammar refuses, with
Trino's positions), which a second parse by another dialect would not spare.
tests/test_athena_sqlglot_rules.py checks both facts and fails when a sqlglot upgrade changes them,
as it fails for each translation rule of `sql/rewrite.py` that sqlglot starts doing itself.
"""
