"""What the data and sections are: published sources, section config, schemas, the expression language, the audit."""
