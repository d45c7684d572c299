// Regions where Amazon WorkSpaces (personal) has an endpoint. The SDK's endpoint ruleset builds
// `workspaces.{Region}.{dnsSuffix}` for any region, so it cannot tell where the service exists;
// this list follows the "Amazon WorkSpaces endpoints and quotas" page of the AWS General Reference.
export const WORKSPACES_REGIONS: readonly string[] = [
  'us-east-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'af-south-1',
  'il-central-1',
  'us-gov-west-1',
  'us-gov-east-1',
];
