enum PRHubTestSupportPlaceholder {}
