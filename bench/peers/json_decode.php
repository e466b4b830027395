<?php
// What a PHP client does with a page: json_decode($body, true), the way
// uCoz's own helper decodes its answers. Prints the best time of ROUNDS
// rounds, in nanoseconds per decode.
//
// php json_decode.php PAGE [ROUNDS]
$body = file_get_contents($argv[1]);
$rounds = (int) ($argv[2] ?? 7);
$start = hrtime(true);
if (json_decode($body, true) === null) {
    fwrite(STDERR, "not JSON: {$argv[1]}\n");
    exit(1);
}
// Enough decodes per round for about 50 ms.
$decodes = max(1, intdiv(50000000, max(1, hrtime(true) - $start)));
$best = PHP_INT_MAX;
for ($round = 0; $round < $rounds; $round++) {
    $start = hrtime(true);
    for ($i = 0; $i < $decodes; $i++) {
        $value = json_decode($body, true);
    }
    $best = min($best, intdiv(hrtime(true) - $start, $decodes));
}
echo $best, "\n";
