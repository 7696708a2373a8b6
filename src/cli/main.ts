// The `fixture-lens` command line.
console.log('fixture-lens');
