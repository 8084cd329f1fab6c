// `node webpack-app/build.mjs`: the production build through webpack's Node API.
import webpack from 'webpack';
import config from './webpack.config.js';

webpack(config, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString('errors-only'));
    process.exit(1);
  }
  console.log(stats.toString({ preset: 'summary', assets: true }));
});
