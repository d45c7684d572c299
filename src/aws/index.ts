// Entry point of the AWS layer bundle (dist/aws.js). Never imports `vscode`.
export const AWS_LAYER_VERSION = 1;
