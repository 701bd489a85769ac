"""labkit: a hands-on VPC Flow Logs and Athena course kit with a local AWS sandbox."""
