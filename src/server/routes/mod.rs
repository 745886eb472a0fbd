//! The routes: the JSON API ([`api`]), the write endpoints ([`writes`]), and
//! dev mode's token minting ([`dev`]).

pub(crate) mod api;
pub(crate) mod body;
pub(crate) mod dev;
pub(crate) mod writes;
