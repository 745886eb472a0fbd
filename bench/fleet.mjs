// The fleet of benches/fleet.rs, generated the same way (the same linear
// congruential generator, drawn in the same order), as the JS objects a
// portal hands to `gate.fleet(devices)`.
const OSES = ["Windows 10", "Windows10", "Windows 11", "WindowsServer2019", "macOS", "Linux", "Windows 8.1", "Android"];
const VERSIONS = ["1709", "10.0.17134", "1809", "10.0.18362.1", "21H2", "22H2"];
const KBS = [4493441, 4516071, 4493464, 4516045, 4516077, 4512941];
const MASK = (1n << 64n) - 1n;

/** `n` devices, deterministic: every run judges the same fleet. */
export function generatedFleet(n) {
  let state = 0x2545f4914f6cdd1dn;
  const next = (range) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & MASK;
    return Number((state >> 33n) % BigInt(range));
  };
  const devices = new Array(n);
  for (let i = 0; i < n; i++) {
    const os = OSES[next(OSES.length)];
    const osVersion = os === "Windows 10" || os === "Windows10" ? VERSIONS[next(VERSIONS.length)] : undefined;
    const device = { id: `dev-${String(i).padStart(6, "0")}`, onboarded: next(20) !== 0, os };
    if (osVersion !== undefined) device.osVersion = osVersion;
    device.installedKbs = KBS.filter(() => next(4) !== 0).map((kb) => `KB${kb}`);
    device.intune = next(3) !== 0;
    device.configMgr = next(3) === 0;
    device.securityRecommendations = next(5);
    device.tags = next(2) === 0 ? ["tier-1"] : [];
    device.coManaged = next(4) === 0;
    devices[i] = device;
  }
  return devices;
}
