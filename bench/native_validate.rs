//! Native throughput of the bytes validator on one payload file (bench/, not a test).
fn main() {
    let path = std::env::args().nth(1).expect("payload path");
    let text = std::fs::read(&path).unwrap();
    let start = std::time::Instant::now();
    let n = 50;
    for _ in 0..n {
        assert!(handinger_wasm::validate::validate_body(&text, false).is_empty());
    }
    let per = start.elapsed().as_secs_f64() / n as f64;
    println!("{:.2} ms per validation, {:.0} MB/s", per * 1e3, text.len() as f64 / per / 1e6);
}
