import { createPrng } from "../core/prng.ts";
import { christoffersen } from "./christoffersen.ts";
import { dieboldMariano } from "./diebold_mariano.ts";
import { exceptions } from "./exceptions.ts";
import { kupiecPof } from "./kupiec.ts";
import { procyclicality } from "./procyclicality.ts";
import { overlappingZoneLimits, trafficLightZones } from "./traffic_light.ts";

const rng = createPrng(3);
const n = 5000;
const losses = Float64Array.from({ length: n }, () => rng.normal());
const margins = new Float64Array(n).fill(2.326);
const other = Float64Array.from({ length: n }, () => 2.326 + 0.1 * rng.normal());

Deno.bench("coverage tests on 5,000 days (exceptions + Kupiec + Christoffersen)", () => {
  const e = exceptions(losses, margins);
  kupiecPof(e.count, e.n, 0.99);
  christoffersen(e.flags, 0.99);
});

Deno.bench("procyclicality on 5,000 days (1/5/30-day)", () => {
  procyclicality(margins);
});

Deno.bench("Diebold–Mariano, 5,000 obs, mpor = 10", () => {
  dieboldMariano(losses, other, { mpor: 10 });
});

Deno.bench("trafficLightZones(250, 0.99)", () => {
  trafficLightZones(250, 0.99);
});

Deno.bench({
  name: "overlappingZoneLimits(250, mpor = 10), 100,000 simulations",
  n: 2,
  warmup: 0,
  fn() {
    overlappingZoneLimits(250, 10, 0.99, createPrng(1));
  },
});
