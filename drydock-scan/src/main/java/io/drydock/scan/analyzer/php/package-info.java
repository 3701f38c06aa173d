/**
 * PHP Composer packages: {@code vendor/composer/installed.json} (what is installed) and {@code composer.lock}.
 * Matched against OSV {@code Packagist} with Composer's normalisation and PHP's {@code version_compare}.
 */
@NullMarked
package io.drydock.scan.analyzer.php;

import org.jspecify.annotations.NullMarked;
