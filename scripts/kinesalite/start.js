// kinesalite (an in-memory implementation of the Kinesis API) bound to 127.0.0.1 only: its own
// CLI listens on every interface. Usage: node start.js PORT
const kinesalite = require('kinesalite');
const port = parseInt(process.argv[2] || '4567', 10);
const server = kinesalite({createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50, shardLimit: 100});
server.listen(port, '127.0.0.1', err => {
  if (err) { console.error(err); process.exit(1); }
  console.log('kinesalite on 127.0.0.1:' + port);
});
