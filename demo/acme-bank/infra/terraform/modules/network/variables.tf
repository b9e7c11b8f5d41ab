variable "environment" {
  type        = string
  description = "Environment name, e.g. prod or staging."
}

variable "cidr_block" {
  type        = string
  description = "CIDR block of the VPC."
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones to spread subnets over."
}
