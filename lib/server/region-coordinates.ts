import "server-only";

/** Approximate locations of AWS regions (the city each is named after), longitude then latitude. */
export const REGION_COORDINATES: Record<string, [number, number]> = {
  "us-east-1": [-77.5, 39.0],
  "us-east-2": [-83.0, 40.0],
  "us-west-1": [-122.0, 37.4],
  "us-west-2": [-119.7, 45.8],
  "ca-central-1": [-73.6, 45.5],
  "ca-west-1": [-114.1, 51.0],
  "mx-central-1": [-100.4, 20.6],
  "sa-east-1": [-46.6, -23.5],
  "eu-west-1": [-6.3, 53.3],
  "eu-west-2": [-0.1, 51.5],
  "eu-west-3": [2.35, 48.9],
  "eu-central-1": [8.7, 50.1],
  "eu-central-2": [8.5, 47.4],
  "eu-north-1": [18.1, 59.3],
  "eu-south-1": [9.2, 45.5],
  "eu-south-2": [-0.9, 41.6],
  "il-central-1": [34.8, 32.1],
  "me-south-1": [50.6, 26.1],
  "me-central-1": [54.4, 24.5],
  "af-south-1": [18.4, -33.9],
  "ap-east-1": [114.2, 22.3],
  "ap-east-2": [121.5, 25.0],
  "ap-south-1": [72.9, 19.1],
  "ap-south-2": [78.5, 17.4],
  "ap-northeast-1": [139.7, 35.7],
  "ap-northeast-2": [127.0, 37.6],
  "ap-northeast-3": [135.5, 34.7],
  "ap-southeast-1": [103.8, 1.35],
  "ap-southeast-2": [151.2, -33.9],
  "ap-southeast-3": [106.8, -6.2],
  "ap-southeast-4": [144.96, -37.8],
  "ap-southeast-5": [101.7, 3.1],
  "ap-southeast-7": [100.5, 13.75],
  "us-gov-west-1": [-122.3, 47.6],
  "us-gov-east-1": [-83.0, 40.0],
  "cn-north-1": [116.4, 39.9],
  "cn-northwest-1": [106.3, 38.5],
};

export function coordinatesOf(region: string): [number, number] | null {
  return REGION_COORDINATES[region] ?? null;
}
