//! Each scene's words: a short introduction above the diagram and, below
//! it, how to read it, how its figures are obtained, its limits and its
//! sources. Written for this site; the sources are linked, not quoted.

use yew::prelude::*;

/// The introduction shown under the scene's title.
pub fn intro(id: &str) -> Html {
    match id {
        "hash-ring" => html! {
            <p class="intro">{"Servers and keys are hashed onto a circle; each key belongs to the \
                first \
                server clockwise. Add, remove or fail servers and watch how few keys move, compared
                    with \
                a plain hash-mod-N table, and try the other placement schemes on the same
                    keys."}</p>
        },
        "worker-sharding" => html! {
            <>
            <p class="intro">{"An edge data center runs thousands of small serverless workers. \
                Without \
                sharding, any server may get any request, so a quiet worker is cold almost every
                    time. \
                With sharding, each worker has a home server on a hash ring that keeps it
                    warm."}</p>
            <crate::tls_figure::TlsFigure />
            </>
        },
        "payments" => html! {
            <p class="intro">{"One checkout, played through a decade of a payments API: tokens and \
                charges, then sources, then payment intents. Break the connection, take the
                    merchant \
                down, switch method midway, and see which design keeps the money and the order \
                together."}</p>
        },
        _ => html! {},
    }
}

/// Reading notes, method, limitations and sources under the scene.
pub fn about(id: &str) -> Html {
    let (read, limits, sources): (&[&str], &[&str], &[(&str, &str)]) = match id {
        "hash-ring" => (
            &[
                "Coloured arcs show which server owns which part of the circle; dots are keys.",
                "After a membership change, the keys that moved light up and the narration \
                    compares \
                 their number with the ideal share and with what hash mod N would move.",
                "Two spreads are charted: the exact share of the ring each server owns, and the \
                    keys \
                 each server got, which adds sampling noise on top.",
            ],
            &[
                "Keys are uniform random 64-bit ids; real keys can be skewed.",
                "A failure and a graceful removal place keys the same way; only the narration \
                    differs.",
            ],
            &[
                ("Karger et al., Consistent hashing and random trees (STOC 1997)",
                    "https://dl.acm.org/doi/10.1145/258533.258660"),
                ("Lamping & Veach, A fast, minimal memory, consistent hash algorithm (2014)",
                    "https://arxiv.org/abs/1406.2294"),
                ("Eisenbud et al., Maglev (NSDI 2016)",
                    "https://research.google/pubs/maglev-a-fast-and-reliable-software-network-load-balancer/"),
                ("Mirrokni, Thorup, Zadimoghaddam, Consistent hashing with bounded loads (2016)",
                    "https://arxiv.org/abs/1608.01350"),
            ],
        ),
        "worker-sharding" => (
            &[
                "Each tile is a server; its bar shows worker instances in memory. Dots are \
                    requests: \
                 green were warm, red paid a cold start, and forwarded ones hop to the home
                     server.",
                "Compare mode runs sharding off and on against the identical request stream.",
                "The animated run is a small literal simulation. The real-scale figures come from \
                    the \
                 \u{201c}Real scale\u{201d} computation below, which says how it was obtained.",
            ],
            &[
                "Arrivals are Poisson per worker; real traffic is burstier and follows the time \
                    of day.",
                "Instances are evicted by idle timeout; memory pressure is simplified.",
            ],
            &[(
                "Cloudflare: Eliminating cold starts 2: shard and conquer",
                "https://blog.cloudflare.com/eliminating-cold-starts-2-shard-and-conquer/",
            )],
        ),
        "payments" => (
            &[
                "Lanes are the customer's browser, the merchant's server, the payment provider \
                    and any \
                 outside party. Solid arrows are requests and responses; dashed ones are webhooks.",
                "Beside the lanes, the state machines of the chosen era light up as the payment \
                    moves.",
                "The batch below runs thousands of seeded checkouts through every era on the same \
                    customers.",
            ],
            &[
                "Timings are typical values, not measurements; business days are simplified to \
                    days.",
                "Fees, disputes and partial refunds are left out.",
            ],
            &[("Stripe: the payment API design history",
                "https://stripe.com/blog/payment-api-design")],
        ),
        _ => (&[], &[], &[]),
    };
    html! {
        <section class="about" aria-labelledby="about-h">
            <h2 id="about-h">{"Reading this scene"}</h2>
            <ul>{ for read.iter().map(|t| html! { <li>{*t}</li> }) }</ul>
            <h3>{"Limitations"}</h3>
            <ul>{ for limits.iter().map(|t| html! { <li>{*t}</li> }) }</ul>
            <h3>{"Sources"}</h3>
            <ul>{ for sources.iter().map(|(t, u)| html! {
                <li><a href={*u} rel="noopener" target="_blank">{*t}</a></li> }) }</ul>
        </section>
    }
}
