variable "environment" {
  type = string
}

variable "name" {
  type        = string
  description = "Logical database name, e.g. core."
}

variable "subnet_ids" {
  type = list(string)
}

variable "instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "storage_gb" {
  type    = number
  default = 100
}
