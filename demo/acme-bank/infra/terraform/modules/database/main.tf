# Shared PostgreSQL module (contract `terraform-modules`). Encryption at rest is required by the
# security standard, so it is not a variable.

resource "aws_db_subnet_group" "this" {
  name       = "acme-${var.environment}-${var.name}"
  subnet_ids = var.subnet_ids
}

resource "aws_db_instance" "this" {
  identifier              = "acme-${var.environment}-${var.name}"
  engine                  = "postgres"
  engine_version          = "16.4"
  instance_class          = var.instance_class
  allocated_storage       = var.storage_gb
  db_subnet_group_name    = aws_db_subnet_group.this.name
  storage_encrypted       = true
  backup_retention_period = 35
  deletion_protection     = var.environment == "prod"
  username                = "acme_admin"
  manage_master_user_password = true
}
