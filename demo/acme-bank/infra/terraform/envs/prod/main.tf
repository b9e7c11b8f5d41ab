terraform {
  required_version = ">= 1.6"
  backend "s3" {
    bucket = "acme-bank-terraform-state"
    key    = "prod/terraform.tfstate"
    region = "eu-north-1"
  }
}

provider "aws" {
  region = "eu-north-1"
}

module "network" {
  source             = "../../modules/network"
  environment        = "prod"
  cidr_block         = "10.20.0.0/16"
  availability_zones = ["eu-north-1a", "eu-north-1b", "eu-north-1c"]
}

module "core_database" {
  source         = "../../modules/database"
  environment    = "prod"
  name           = "core"
  subnet_ids     = module.network.database_subnet_ids
  instance_class = "db.r6g.large"
  storage_gb     = 500
}
