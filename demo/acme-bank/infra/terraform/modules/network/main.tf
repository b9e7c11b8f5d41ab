# Shared network module (contract `terraform-modules`): one VPC per environment with private
# subnets for services and isolated subnets for databases.

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_hostnames = true
  tags                 = { Name = "acme-${var.environment}", Environment = var.environment }
}

resource "aws_subnet" "private" {
  for_each          = toset(var.availability_zones)
  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.cidr_block, 4, index(var.availability_zones, each.key))
  tags              = { Name = "acme-${var.environment}-private-${each.key}", Tier = "private" }
}

resource "aws_subnet" "database" {
  for_each          = toset(var.availability_zones)
  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.cidr_block, 4, 8 + index(var.availability_zones, each.key))
  tags              = { Name = "acme-${var.environment}-db-${each.key}", Tier = "database" }
}
