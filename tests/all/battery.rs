//! The preview1 battery: one commented WAT guest per import family, one test per edge case.
