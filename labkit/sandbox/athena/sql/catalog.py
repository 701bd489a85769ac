"""Athena's catalog is the Glue Data Catalog: tables and partitions live in the sandbox's Glue (moto),
exactly as Athena stores them, so `glue.get_table` / `get_partitions` see what DDL created."""

from __future__ import annotations

from moto.glue import exceptions as glue_errors
from moto.glue.models import glue_backends

from .errors import QueryFailed

CATALOG_NAME = "awsdatacatalog"
DEFAULT_DATABASE = "default"


class GlueCatalog:
    def __init__(self, account: str, region: str):
        self.glue = glue_backends[account][region]
        if DEFAULT_DATABASE not in self.glue.databases:  # Athena's `default` database always exists
            self.create_database(DEFAULT_DATABASE, "Default Hive database")

    # databases
    def database_exists(self, name: str) -> bool:
        return name in self.glue.databases

    def create_database(self, name: str, description: str = "", location: str | None = None) -> None:
        database_input = {"Name": name, "Description": description, "Parameters": {}}
        if location:
            database_input["LocationUri"] = location
        self.glue.create_database(name, database_input)

    def drop_database(self, name: str) -> None:
        self.glue.delete_database(name)

    def databases(self) -> list[dict]:
        return [
            {"Name": db.name, **{k: v for k, v in db.input.items() if k in ("Description", "Parameters")}}
            for db in self.glue.get_databases()
        ]

    def require_database(self, name: str, position: str = "line 1:1") -> None:
        if not self.database_exists(name):
            raise QueryFailed("SCHEMA_NOT_FOUND", f"{position}: Schema '{name}' does not exist")

    # tables
    def table(self, database: str, name: str) -> dict | None:
        try:
            return self.glue.get_table(database, name).as_dict()
        except (
            glue_errors.EntityNotFoundException,
            glue_errors.TableNotFoundException,
            glue_errors.DatabaseNotFoundException,
        ):
            return None

    def tables(self, database: str) -> list[dict]:
        return [table.as_dict() for table in self.glue.get_tables(database, None)]

    def create_table(self, database: str, table_input: dict) -> None:
        self.glue.create_table(database, table_input["Name"], table_input)

    def drop_table(self, database: str, name: str) -> None:
        self.glue.delete_table(database, name)

    # partitions
    def partitions(self, database: str, table: str) -> list[dict]:
        return [p.as_dict() for p in self.glue.get_table(database, table).partitions.values()]

    def add_partition(self, database: str, table: str, partition_input: dict) -> None:
        self.glue.create_partition(database, table, partition_input)

    def has_partition(self, database: str, table: str, values: list[str]) -> bool:
        return str(values) in self.glue.get_table(database, table).partitions

    def drop_partition(self, database: str, table: str, values: list[str]) -> None:
        self.glue.delete_partition(database, table, values)
