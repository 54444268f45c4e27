const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n also reads the icons and the codex file next to each node.
function copyIconsAndCodex() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIconsAndCodex;
