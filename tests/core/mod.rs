mod compiled;
mod errors;
mod fuzz_regressions;
mod limits;
mod prerequisites;
mod policy_validation;
mod scope;
mod seed_table;
mod subjects;
mod tvm;
mod vectors;

use exposure_gate::Gate;

pub(crate) fn gate() -> Gate {
    Gate::builtin().expect("the built-in policy loads")
}
