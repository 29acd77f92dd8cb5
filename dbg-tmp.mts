import { generatePair, R1, R2, A, KEY_ID } from "./lib/policy/testing/generate";
import { comparePolicies } from "./lib/policy/compare";
const seed = Number(process.argv[2]);
const p = generatePair(seed);
console.log(JSON.stringify(p.reference));
console.log(JSON.stringify(p.actual));
const place = (region: string) => ({ partition: "aws", account: A, region, keyId: KEY_ID });
const r = comparePolicies({ policy: p.reference, place: place(R1) }, { policy: p.actual, place: place(R2) });
for (const e of r.delta.slice(0, 3)) console.log(JSON.stringify(e));
