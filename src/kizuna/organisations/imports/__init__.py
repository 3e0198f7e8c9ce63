"""Spreadsheet import of organisations, along its steps:

  files    reading the file into a table (kizuna.common.tables) and keeping uploads
  columns  the column table and how a header row maps onto it
  values   reference lookups and each kind of cell turned into its value
  preview  every row checked and compared with the database; writes nothing
  apply    the checked rows written in one transaction, all or nothing
  jobs     a confirmed import as a job (common/jobs.py): queued, progress, cancel

Every problem is located (file, row, column as written, value) and said in the
importing officer's language before anything is written. Callers import from the
step modules.
"""
