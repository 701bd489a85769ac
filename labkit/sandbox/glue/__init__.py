"""AWS Glue beyond what moto does: crawlers that crawl S3 and the custom classifiers they use."""
